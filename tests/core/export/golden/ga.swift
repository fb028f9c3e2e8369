// Mints a client secret with the realtime-gui configuration “demo”:
// GA client secret (realtime), POST https://api.openai.com/v1/realtime/client_secrets
// Needs OPENAI_API_KEY in the environment; the key is never written here. Mint on a server you
// control, not in an app you ship: an app holding the key gives it away.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

let environment = ProcessInfo.processInfo.environment
guard let apiKey = environment["OPENAI_API_KEY"], !apiKey.isEmpty else {
    fatalError("set OPENAI_API_KEY to your API key")
}
var baseURL = environment["OPENAI_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://api.openai.com/v1"
while baseURL.hasSuffix("/") { baseURL.removeLast() }
let body = ##"""
{
  "session": {
    "type": "realtime",
    "model": "gpt-realtime",
    "instructions": "Say \"hi\" \\(x) \\#(y) \"\"\"#"
  }
}
"""##

var request = URLRequest(url: URL(string: baseURL + "/realtime/client_secrets")!)
request.httpMethod = "POST"
request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
request.setValue("application/json", forHTTPHeaderField: "Content-Type")
request.setValue("org-demo", forHTTPHeaderField: "OpenAI-Organization")
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
