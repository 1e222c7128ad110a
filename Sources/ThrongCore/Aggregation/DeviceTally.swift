/// Device and journey counts of one worker.
package struct DeviceTally: Sendable {
    package var devices = 0
    package var passengers = 0
    package var residents = 0
    package var passersBy = 0
    package var empty = 0
    package var duplicates = 0
    package var journeys = 0
    package var journeysBothEnds = 0
    /// Events of implausible devices left out (counted as accepted).
    package var implausibleEvents = 0
    /// Journeys joined from two halves across a MAC change (each pair counts once in ``journeys``).
    package var macChangesJoined = 0

    /// No devices yet.
    package init() {}

    package mutating func add(_ o: DeviceTally) {
        devices += o.devices
        passengers += o.passengers
        residents += o.residents
        passersBy += o.passersBy
        empty += o.empty
        duplicates += o.duplicates
        journeys += o.journeys
        journeysBothEnds += o.journeysBothEnds
        implausibleEvents += o.implausibleEvents
        macChangesJoined += o.macChangesJoined
    }
}
