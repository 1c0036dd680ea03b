import ArgumentParser
import Foundation
import WatopCore
import WatopServer

/// Which payload formats are accepted and what Meta's and Twilio's requests must prove, from
/// the command line. Secrets take the same `env:NAME` / `file:PATH` forms as the access options.
struct ProviderOptions: ParsableArguments {
    @Option(help: "Accept only this payload format (default: detect each request's).")
    var format: CallbackFormat?

    @Option(
        name: .customLong("meta-verify-token"),
        help: "Answer Meta's webhook verification (GET ?hub.mode=subscribe&hub.verify_token=…) for this token.")
    var metaVerifyToken: String?

    @Option(
        name: .customLong("meta-app-secret"),
        help: "Require Meta webhooks to carry a valid X-Hub-Signature-256 made with this app secret.")
    var metaAppSecret: String?

    @Option(
        name: .customLong("twilio-auth-token"),
        help: "Require Twilio callbacks to carry a valid X-Twilio-Signature made with this auth token.")
    var twilioAuthToken: String?

    @Option(
        name: .customLong("public-url"),
        help: "The scheme and host Twilio calls, e.g. https://hooks.example.com, when a proxy hides them.")
    var publicURL: String?

    func secrets() throws -> ProviderSecrets {
        if let publicURL {
            guard publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://"), !publicURL.hasSuffix("/") else {
                throw ValidationError("--public-url '\(publicURL)' must be http(s)://host[:port] with no trailing '/'")
            }
        }
        return ProviderSecrets(
            metaVerifyToken: try metaVerifyToken.map { try AccessOptions.secret($0, option: "--meta-verify-token") },
            metaAppSecret: try metaAppSecret.map { try AccessOptions.secret($0, option: "--meta-app-secret") },
            twilioAuthToken: try twilioAuthToken.map { try AccessOptions.secret($0, option: "--twilio-auth-token") },
            publicURL: publicURL)
    }
}

extension CallbackFormat: ExpressibleByArgument {}
