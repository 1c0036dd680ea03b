/// A named mapping from every style role to a style: the one place where the dashboard's
/// look is decided. Themes are data, so that they can be read from files.
public struct Theme: Sendable {
    public var name: String
    private var styles: [StyleRole: Style]

    /// Roles missing from `styles` look like `.text`.
    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(for role: StyleRole) -> Style {
        styles[role] ?? styles[.text] ?? Style()
    }

    /// The built-in dark theme. Without colors a terminal shows roles that have a background
    /// color in reverse video, so the header, selection and overlays stay distinct.
    public static let standard = Theme(
        name: "default",
        styles: [
            .text: Style(),
            .muted: Style(.indexed(245), [.dim]),
            .header: Style(.indexed(252), on: .indexed(236)),
            .headerTitle: Style(.indexed(117), on: .indexed(236), [.bold]),
            .headerURL: Style(.indexed(229), on: .indexed(236), [.underline]),
            .paused: Style(.indexed(16), on: .yellow, [.bold]),  // 16, not 0: terminals brighten bold black to gray
            .alert: Style(.indexed(255), on: .indexed(160), [.bold]),
            .border: Style(.indexed(240)),
            .borderFocused: Style(.indexed(75)),
            .panelTitle: Style(.indexed(250), [.bold]),
            .panelTitleFocused: Style(.indexed(117), [.bold, .underline]),
            .tableHeader: Style(.indexed(244), [.underline]),
            .selection: Style(.indexed(255), on: .indexed(25), [.bold]),
            .statusSent: Style(.indexed(110)),
            .statusDelivered: Style(.indexed(114)),
            .statusRead: Style(.indexed(84), [.bold]),
            .statusFailed: Style(.indexed(203), [.bold]),
            .statusNotSent: Style(.indexed(209)),
            .statusOther: Style(.indexed(183)),
            .error: Style(.indexed(203)),
            .warning: Style(.indexed(221)),
            .price: Style(.indexed(179)),
            .filterPrompt: Style(.indexed(117), [.bold]),
            .filterText: Style(.indexed(229)),
            .filterError: Style(.indexed(203), [.bold]),
            .sparkline: Style(.indexed(79)),
            .footer: Style(.indexed(250), on: .indexed(236)),
            .footerKey: Style(.indexed(117), on: .indexed(236), [.bold]),
            .overlay: Style(.indexed(252), on: .indexed(237)),
            .overlayKey: Style(.indexed(117), on: .indexed(237), [.bold]),
            .detailLabel: Style(.indexed(244)),
        ])
}
