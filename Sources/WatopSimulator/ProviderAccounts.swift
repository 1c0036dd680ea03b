/// The fixed identities of the simulated business at its providers: its WhatsApp Business
/// Account, Meta's phone-number ID for each of its numbers, its Twilio account.
struct ProviderAccounts: Sendable {
    let wabaID: String
    let twilioAccountSID: String
    private let phoneNumberIDs: [String: String]

    init(whatsappNumbers: [String], seed: UInt64) {
        // A generator of their own: drawing them from the traffic's would have changed the
        // Kaleyra v1 traffic every seed has always produced.
        var random = SeededRandom(seed: ~seed)
        wabaID = "1" + random.digits(14)
        twilioAccountSID = MessageIDs.twilioSID("AC", using: &random)
        phoneNumberIDs = Dictionary(whatsappNumbers.map { ($0, "1" + random.digits(14)) }) { first, _ in first }
    }

    /// Meta's ID for one of the business's numbers.
    func phoneNumberID(of sender: String) -> String { phoneNumberIDs[sender] ?? "" }
}
