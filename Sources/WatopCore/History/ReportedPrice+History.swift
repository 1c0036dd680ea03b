extension ReportedPrice {
    /// The whole units and the fraction in nano-units, as the history's `price_units` and
    /// `price_nanos` hold them: compared as a pair, they order prices exactly.
    var historyParts: (units: Int64, nanos: Int64) {
        let parts = nanos.quotientAndRemainder(dividingBy: Self.scale)
        // The parser keeps at most eighteen integer digits: the units fit in 64 bits.
        return (Int64(truncatingIfNeeded: parts.quotient), Int64(truncatingIfNeeded: parts.remainder))
    }
}
