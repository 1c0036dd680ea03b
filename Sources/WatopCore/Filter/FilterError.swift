/// Why a filter's text could not be compiled; `message` is shown inline as typed, e.g.
/// `unknown field "stat"` or `price needs a number`.
public struct FilterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
