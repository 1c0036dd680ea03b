import Testing

@testable import watop

@Suite struct CommandWordsTests {
    @Test(arguments: [
        ("notify-chat", ["notify-chat"]),
        ("  curl  -fsS   https://x  ", ["curl", "-fsS", "https://x"]),
        (#"'/opt/my hooks/run' --flag 'a b'"#, ["/opt/my hooks/run", "--flag", "a b"]),
        (#"say "it's \"fine\"" \$HOME"#, ["say", #"it's "fine""#, "$HOME"]),
        (#"echo "a\b" a\ b ''"#, ["echo", #"a\b"#, "a b", ""]),
        (#"sh -c 'echo $PATH | wc'"#, ["sh", "-c", "echo $PATH | wc"]),
    ])
    func wordsAreSplitAsAShellWouldAndNothingMore(line: String, words: [String]) throws {
        #expect(try CommandWords.split(line) == words)
    }

    @Test(arguments: ["notify 'oops", #"say "unclosed"#, #"trailing\"#])
    func anUnfinishedQuoteOrEscapeIsAnError(line: String) {
        #expect(throws: CommandWords.Unreadable.self) { try CommandWords.split(line) }
    }
}
