/// Which stations have wifi (`--wifi all|pilot|<file>`).
public enum WifiSelection: Sendable, Hashable {
    /// Every station of the network.
    case all
    /// The 54 stations of ``PilotStations/naptans`` (zones 1–4).
    case pilot
    /// An explicit list of NaPTAN codes.
    case stations([String])

    /// `all`, `pilot` or `list(n)`.
    public var label: String {
        switch self {
        case .all: "all"
        case .pilot: "pilot"
        case .stations(let s): "list(\(s.count))"
        }
    }
}

/// The simulator's stand-in for the 2016 wifi pilot: 54 stations in fare zones 1–4.
///
/// Chosen as the busiest central stations and the main interchanges, plus a ring of
/// zone 2–4 interchanges and termini so that journeys have both ends covered often:
/// 34 zone-1 stations and 20 in zones 2–4 (Wembley Park for the stadium scenario).
public enum PilotStations {
    /// NaPTAN codes, zone 1 first.
    public static let naptans: [String] = [
        // Zone 1 (34)
        "940GZZLUKSX", "940GZZLUOXC", "940GZZLUWLO", "940GZZLUVIC", "940GZZLULVT", "940GZZLULNB",
        "940GZZLUBNK", "940GZZLUMMT", "940GZZLUGPK", "940GZZLUBND", "940GZZLUTCR", "940GZZLUPCC",
        "940GZZLULSQ", "940GZZLUEUS", "940GZZLUPAC", "940GZZLUBST", "940GZZLUHBN", "940GZZLUWSM",
        "940GZZLUEMB", "940GZZLUCHX", "940GZZLUMGT", "940GZZLUFCN", "940GZZLUWRR", "940GZZLUESQ",
        "940GZZLUSKS", "940GZZLUECT", "940GZZLUTWH", "940GZZLUAGL", "940GZZLUODS", "940GZZLUEAC",
        "940GZZLUVXL", "940GZZLUCGN", "940GZZLUSPU", "940GZZLUMBA",
        // Zones 2–4 (20)
        "940GZZLUNHG", "940GZZLUSKW", "940GZZLUCWR", "940GZZLUCYF", "940GZZLUWPL", "940GZZLUMED",
        "940GZZLUSTD", "940GZZLUNGW", "940GZZLUCTN", "940GZZLUHAI", "940GZZLUFPK", "940GZZLUSVS",
        "940GZZLUBXN", "940GZZLUHSD", "940GZZLUSBC", "940GZZLUWYP", "940GZZLUTMH", "940GZZLUWHM",
        "940GZZLUCGT", "940GZZLUFYR",
    ]
}
