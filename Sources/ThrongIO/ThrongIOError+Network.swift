/// Codes for the network folder (`NetworkLoader`, `NetworkWriter`), its CSV reader and the
/// TfL importer.
extension ThrongIOError.Code {
    /// A required file of a network folder or import source does not exist.
    public static let missingFile = Self(name: "missingFile")
    /// A CSV file's header row is not the one the format requires.
    public static let badCSVHeader = Self(name: "badCSVHeader")
    /// A CSV record has more or fewer fields than the header.
    public static let csvFieldCount = Self(name: "csvFieldCount")
    /// A CSV file breaks RFC 4180 (stray or unterminated quote, bare CR) or is not UTF-8.
    public static let csvSyntax = Self(name: "csvSyntax")
    /// A field is empty where required, not a number, out of range or badly formed.
    public static let invalidField = Self(name: "invalidField")
    /// A NaPTAN code that `stations.csv` does not list.
    public static let unknownStation = Self(name: "unknownStation")
    /// A line name that no station lists.
    public static let unknownLine = Self(name: "unknownLine")
    /// Two stations with one NaPTAN code.
    public static let duplicateStation = Self(name: "duplicateStation")
    /// Two access points with one id.
    public static let duplicateAccessPoint = Self(name: "duplicateAccessPoint")
    /// Two links with the same line, direction, from and to.
    public static let duplicateLink = Self(name: "duplicateLink")
    /// Two interchanges with the same stations and lines.
    public static let duplicateInterchange = Self(name: "duplicateInterchange")
    /// A link without one of its three running times.
    public static let missingRunningTime = Self(name: "missingRunningTime")
    /// A running time that is not a positive finite number.
    public static let invalidRunningTime = Self(name: "invalidRunningTime")
    /// An access point area other than `entrance`, `ticket_hall`, `corridor`, `platform`.
    public static let invalidArea = Self(name: "invalidArea")
    /// A platform access point without line or direction (or another area with one).
    public static let platformWithoutLine = Self(name: "platformWithoutLine")
    /// A line (and direction) that does not call at the station it is used at.
    public static let lineNotCalling = Self(name: "lineNotCalling")
    /// A station with no access point.
    public static let stationWithoutAccessPoints = Self(name: "stationWithoutAccessPoints")
    /// Import source data the importer cannot convert.
    public static let invalidSource = Self(name: "invalidSource")
}
