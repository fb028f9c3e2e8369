// Mints a client secret with the realtime-gui configuration “azure demo”:
// Beta session, POST https://example-resource.openai.azure.com/openai/realtimeapi/sessions?api-version=2025-04-01-preview
// Needs AZURE_OPENAI_API_KEY in the environment; the key is never written here. Mint on a server you
// control, not in an app you ship: an app holding the key gives it away.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

let environment = ProcessInfo.processInfo.environment
guard let apiKey = environment["AZURE_OPENAI_API_KEY"], !apiKey.isEmpty else {
    fatalError("set AZURE_OPENAI_API_KEY to your API key")
}
var baseURL = "https://example-resource.openai.azure.com"
while baseURL.hasSuffix("/") { baseURL.removeLast() }
let body = #"""
{
  "model": "gpt-4o-realtime-preview"
}
"""#

var request = URLRequest(url: URL(string: baseURL + "/openai/realtimeapi/sessions?api-version=2025-04-01-preview")!)
request.httpMethod = "POST"
request.setValue(apiKey, forHTTPHeaderField: "api-key")
request.setValue("application/json", forHTTPHeaderField: "Content-Type")
request.httpBody = Data(body.utf8)

let done = DispatchSemaphore(value: 0)
URLSession.shared.dataTask(with: request) { data, response, error in
    defer { done.signal() }
    if let error = error {
        print("minting failed: \(error.localizedDescription)")
        return
    }
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    let text = String(decoding: data ?? Data(), as: UTF8.self)
    print(status == 200 ? text : "minting failed with \(status): \(text)")
}.resume()
done.wait()
