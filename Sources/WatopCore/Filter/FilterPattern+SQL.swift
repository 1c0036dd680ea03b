extension FilterPattern {
    /// The pattern as SQL's `LIKE … ESCAPE '\'` reads it: each `*` becomes `%`, and the `%`, `_`
    /// and `\` of the text stand for themselves. Letters are already folded to lowercase, so the
    /// LIKE must fold the value's ASCII letters alone (`SQLDialect.like`).
    var likePattern: String {
        let escaped = segments.map { segment in
            segment.flatMap { byte in
                // Bytes, not characters: a `_` followed by a combining mark is one Character,
                // yet LIKE reads its `_` all the same.
                byte == UInt8(ascii: "%") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "\\")
                    ? [UInt8(ascii: "\\"), byte] : [byte]
            }
        }
        return String(decoding: Array(escaped.joined(separator: [UInt8(ascii: "%")])), as: UTF8.self)
    }
}
