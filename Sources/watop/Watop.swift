import ArgumentParser

/// `watop`: the live dashboard (default), or its headless form, for WhatsApp status callbacks.
@main
struct Watop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watop",
        abstract: "A live terminal dashboard for Kaleyra WhatsApp message-status callbacks.",
        discussion: """
            watop is the endpoint of a Kaleyra callback profile: it listens for status callbacks \
            (GET query or POST JSON/form) and shows them live. Run `watop run --help` for every option.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, AttachCommand.self, SimulateCommand.self, ReplayCommand.self, StoreCommand.self,
            HistoryCommand.self, ThemesCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    static func main() async {
        do {
            var command = try parseAsRoot(StoreArgument.expanded(Array(CommandLine.arguments.dropFirst())))
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
