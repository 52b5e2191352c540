public enum ParapetGraphPlaceholder {}
