import NIOHTTP1
import Testing

@testable import WatopServer

@Suite struct RouteTests {
    private func route(_ method: HTTPMethod, _ path: Substring, metrics: Bool = true) -> Route {
        Route(method: method, path: path, callbackPath: "/callback", servesMetrics: metrics)
    }

    @Test func theCallbackPathTakesTheMethodsProvidersUse() {
        #expect(route(.GET, "/callback") == .callback)
        #expect(route(.POST, "/callback") == .callback)
        #expect(route(.PUT, "/callback") == .callback)
        #expect(route(.DELETE, "/callback") == .wrongMethod(allow: "GET, POST, PUT"))
        #expect(route(.HEAD, "/callback") == .wrongMethod(allow: "GET, POST, PUT"))
    }

    @Test func healthAndMetricsAreReadOnly() {
        #expect(route(.GET, "/healthz") == .health)
        #expect(route(.HEAD, "/healthz") == .health)
        #expect(route(.POST, "/healthz") == .wrongMethod(allow: "GET"))
        #expect(route(.GET, "/metrics") == .metrics)
        #expect(route(.PUT, "/metrics") == .wrongMethod(allow: "GET"))
    }

    @Test func metricsExistOnlyWhenServed() {
        #expect(route(.GET, "/metrics", metrics: false) == .unknownPath)
    }

    @Test func anyOtherPathIsUnknownAndPathsAreExact() {
        #expect(route(.GET, "/") == .unknownPath)
        #expect(route(.GET, "/callback/") == .unknownPath)
        #expect(route(.GET, "/Callback") == .unknownPath)
        #expect(Route(method: .POST, path: "/hooks/wa", callbackPath: "/hooks/wa", servesMetrics: true) == .callback)
    }
}
