@testable import ParapetReport
import Testing

@Suite struct TerminalTextTests {
    @Test func escapeAndOtherC0ControlsBecomeControlPictures() {
        #expect(TerminalText.visible("a\u{1B}[2Jb") == "a␛[2Jb")
        #expect(TerminalText.visible("line\nnext\r") == "line␊next␍")
        #expect(TerminalText.visible("\u{0}\u{7}") == "␀␇")
    }

    @Test func deleteC1AndBidiControlsAreVisible() {
        #expect(TerminalText.visible("x\u{7F}") == "x␡")
        #expect(TerminalText.visible("\u{9B}31m") == "<U+009B>31m")
        #expect(TerminalText.visible("admin\u{202E}txt.exe") == "admin<U+202E>txt.exe")
        #expect(TerminalText.visible("\u{2066}x\u{2069}") == "<U+2066>x<U+2069>")
    }

    @Test func tabsAndOrdinaryTextAreKept() {
        #expect(TerminalText.visible("a\tb café 名前 🙂") == "a\tb café 名前 🙂")
    }

    @Test func wideAndZeroWidthCharactersHaveTerminalWidths() {
        #expect(TerminalText.width(of: "a") == 1)
        #expect(TerminalText.width(of: "é") == 1)
        #expect(TerminalText.width(of: "名") == 2)
        #expect(TerminalText.width(of: "🙂") == 2)
        #expect(TerminalText.width(of: "\u{301}") == 0)
    }
}
