/// `country:IN`, `country:+91`: the recipient's number begins with one of these calling codes.
/// A recipient that is no phone number (a user id, a group) has no country and never matches.
struct CountryCondition: Sendable {
    let codes: [CallingCode]

    /// Reads two letters of a country (`IN`, `br`) or a calling code (`+91`, `91`).
    init(typed value: Substring) throws(FilterError) {
        let digits = value.first == "+" ? value.dropFirst() : value
        if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) {
            guard digits.count <= 3, let number = UInt16(digits), let code = CallingCode(value: number) else {
                throw FilterError("country:\(value) is no calling code: those are 1 to 3 digits, as in country:+91")
            }
            codes = [code]
            return
        }
        guard value.count == 2, value.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw FilterError("country takes two letters or a calling code, as in country:IN or country:+91, not \"\(value)\"")
        }
        codes = CallingCode.codes(ofCountry: value)
        guard !codes.isEmpty else {
            throw FilterError("watop does not know the calling code of \"\(value)\": give the code, as in country:+225")
        }
    }

    func matches(_ event: borrowing CallbackEvent) -> Bool {
        guard let code = CallingCode(recipientOf: event) else { return false }
        return codes.contains(code)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
