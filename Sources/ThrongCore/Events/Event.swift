/// One wifi connection event after parsing: when, which device, which access point.
public struct Event: Hashable, Sendable {
    /// Unix epoch milliseconds (UTC).
    public var time: Int64
    /// The device's internal key.
    public var device: DeviceKey
    /// The access point, resolved through the network.
    public var accessPoint: AccessPointID

    /// Creates an event.
    @inlinable public init(time: Int64, device: DeviceKey, accessPoint: AccessPointID) {
        self.time = time
        self.device = device
        self.accessPoint = accessPoint
    }
}
