import WatopCore

/// The numbers the tables show: the all-time aggregates, or, with a filter, the totals over
/// the matching events still in the buffer. One shape for both so the panels need not care.
struct DashboardTotals {
    struct ErrorCodeRow {
        var code: String
        var count: Int
        var lastErrorText: String?
        var lastSeen: UnixTime?
    }

    struct WhatsAppNumberRow {
        var number: String
        var statuses: StatusCounts
        /// Every message of the number, whatever the filter: messages are not filtered.
        var messages: MessageTally
        var price: PriceRow
    }

    struct PriceRow {
        var total = ReportedPrice.zero
        var pricedEvents = 0
        var average: ReportedPrice { total.divided(by: pricedEvents) }
    }

    var statuses: StatusCounts
    var errorCodes: [ErrorCodeRow]
    var whatsappNumbers: [WhatsAppNumberRow]
    var price: PriceRow
    var priceByStatus: [DeliveryStatus: PriceRow]
    /// Arrivals per status; always over the events the view has seen.
    var rates: [DeliveryStatus: RateMeter]
    /// Messages per class, from the message table: all of them, with or without a filter.
    var messages: MessageFunnel

    init(_ state: UIState) {
        let messages = state.shown?.messages ?? MessageFunnel()
        if state.view.filter.isEmpty {
            self.init(state.shown?.aggregates ?? Aggregates(), rates: state.view.tallies.rates, messages: messages)
        } else {
            self.init(state.view.tallies, rates: state.view.tallies.rates, messages: messages)
        }
    }

    private init(_ totals: some TableTotals, rates: StatusKeyed<RateMeter>, messages: MessageFunnel) {
        self.rates = rates.dictionary
        self.messages = messages
        statuses = totals.statuses
        errorCodes = totals.errorCodes.map {
            ErrorCodeRow(code: $0.key, count: $0.value.count, lastErrorText: $0.value.lastErrorText, lastSeen: $0.value.lastSeen)
        }
        whatsappNumbers = totals.whatsappNumbers.map {
            WhatsAppNumberRow(
                number: $0.key, statuses: $0.value.statuses, messages: messages.tally(of: $0.key), price: PriceRow($0.value.price))
        }
        price = PriceRow(totals.price)
        priceByStatus = totals.priceByStatus.dictionary.mapValues(PriceRow.init)
    }
}

extension DashboardTotals.PriceRow {
    init(_ tally: PriceTally) { self.init(total: tally.total, pricedEvents: tally.pricedEvents) }
}
