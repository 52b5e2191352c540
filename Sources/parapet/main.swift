print("parapet")
