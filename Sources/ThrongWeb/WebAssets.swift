/// The dashboard's and report's page, script and style sheet (`Sources/ThrongWeb/Assets/`),
/// compiled in so that a server or a report needs no files and no network.
package enum WebAssets {
    package static let dashboardHTML: [UInt8] = PackageResources.dashboard_html
    package static let script: [UInt8] = PackageResources.throng_js
    package static let styleSheet: [UInt8] = PackageResources.throng_css
}
