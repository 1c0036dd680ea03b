/// Splits a command line into words as a POSIX shell would — spaces separate, single quotes
/// keep everything, a backslash keeps the next character (within double quotes only `"`, `\`,
/// `$` or a backquote) — and does nothing else a shell does: no variables, globs, pipes or
/// redirections, so `--on-alert` runs exactly the program it names.
enum CommandWords {
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                // Within double quotes a backslash escapes only these; before others it stays.
                if quote == "\"", !"\"\\$`".contains(character) { word.append("\\") }
                word.append(character)
                escaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaped = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, " "), (nil, "\t"), (nil, "\n"):
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(character)
                inWord = true
            }
        }
        if let quote { throw Unreadable(description: "an unclosed \(quote) quote") }
        if escaped { throw Unreadable(description: "a backslash at the end") }
        if inWord { words.append(word) }
        return words
    }
}
