import NIOHTTP1

/// Where a request goes, decided from its method and path alone, before any credential is
/// checked or any body read.
enum Route: Equatable {
    /// The callback path, with a method a provider uses (GET, POST or PUT).
    case callback
    case health
    /// `GET /metrics`, when metrics are served.
    case metrics
    /// A known path with a method it does not take; `allow` lists those it takes.
    case wrongMethod(allow: String)
    case unknownPath

    init(method: HTTPMethod, path: Substring, callbackPath: String, servesMetrics: Bool) {
        let readOnly = method == .GET || method == .HEAD
        switch path {
        case Substring(callbackPath):
            self = method == .GET || method == .POST || method == .PUT ? .callback : .wrongMethod(allow: "GET, POST, PUT")
        case "/healthz":
            self = readOnly ? .health : .wrongMethod(allow: "GET")
        case "/metrics" where servesMetrics:
            self = readOnly ? .metrics : .wrongMethod(allow: "GET")
        default:
            self = .unknownPath
        }
    }
}
