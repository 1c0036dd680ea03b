import ArgumentParser

/// How the dashboard looks and how often it is drawn.
struct DashboardOptions: ParsableArguments {
    @Option(help: "Dashboard theme: a name from `watop themes`, or the path of a theme file.")
    var theme = "default"

    @Option(help: "Dashboard frames per second.")
    var fps = 10

    func validate() throws {
        guard (1...60).contains(fps) else { throw ValidationError("--fps \(fps) must be between 1 and 60") }
    }
}
