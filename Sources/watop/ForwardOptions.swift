import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import WatopCore
import WatopServer
import WatopTransport

/// `--forward-to` and its companions: watop as a tap in front of the business's own app.
struct ForwardOptions: ParsableArguments {
    @Option(
        name: .customLong("forward-to"),
        help: "Send every callback on to this app (http:// or https:// base URL) and answer the provider with its answer.")
    var forwardTo: String?

    @Option(
        name: .customLong("forward-mode"),
        help: "sync: answer the provider with the app's answer; queue: answer 200 once journaled, deliver from the journal (needs --journal).")
    var mode = ListenerConfiguration.Forwarding.Mode.sync

    @Option(
        name: .customLong("forward-timeout"),
        help: "Seconds the app may take to answer; slower gets 504, so the provider retries.")
    var timeoutSeconds = 10.0

    @Option(
        name: .customLong("resend-to"),
        help: "Where R in the detail view resends a request (default: --forward-to).")
    var resendTo: String?

    @Flag(
        name: .customLong("forward-insecure"),
        help: "Accept any certificate from the app (a self-signed app in development only).")
    var insecure = false

    func validate() throws {
        guard timeoutSeconds > 0, timeoutSeconds <= 600 else {
            throw ValidationError("--forward-timeout \(timeoutSeconds) must be above 0 and at most 600 seconds")
        }
        if forwardTo == nil, insecure { throw ValidationError("--forward-insecure needs --forward-to URL") }
        if forwardTo == nil, mode == .queue { throw ValidationError("--forward-mode queue needs --forward-to URL") }
    }

    /// What `R` resends to (`--resend-to`, else `--forward-to`), on a client of its own; nil
    /// when neither is given.
    func resender(store: EventStore, access: AccessPolicy, servesHTTPS: Bool) throws -> Resender? {
        guard let url = resendTo ?? forwardTo else { return nil }
        let target: ForwardTarget
        do {
            target = try ForwardTarget(url)
        } catch {
            throw ValidationError(resendTo == nil ? error.description : error.description.replacingOccurrences(of: "--forward-to", with: "--resend-to"))
        }
        let group = MultiThreadedEventLoopGroup.singleton
        let forwarder = AppForwarder(
            on: group, timeout: .nanoseconds(Int64(timeoutSeconds * 1e9)), verifiesCertificates: !insecure)
        return Resender(
            plan: ForwardPlan(target: target, access: access, servesHTTPS: servesHTTPS), forwarder: forwarder,
            loop: group.next(), store: store)
    }

    /// The listener's forwarding, or nil without `--forward-to`.
    func forwarding() throws -> ListenerConfiguration.Forwarding? {
        guard let forwardTo else { return nil }
        let target: ForwardTarget
        do {
            target = try ForwardTarget(forwardTo)
        } catch {
            throw ValidationError(error.description)
        }
        let timeout = TimeAmount.nanoseconds(Int64(timeoutSeconds * 1e9))
        let verifies = !insecure
        var forwarding = ListenerConfiguration.Forwarding(target: target) { group in
            AppForwarder(on: group, timeout: timeout, verifiesCertificates: verifies)
        }
        forwarding.mode = mode
        return forwarding
    }
}

extension ListenerConfiguration.Forwarding.Mode: ExpressibleByArgument {}
