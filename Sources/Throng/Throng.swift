// The embeddable library: everything a journey planner or analyst needs, no server code.
@_exported public import ThrongCore
@_exported public import ThrongIO
@_exported public import ThrongQuery
