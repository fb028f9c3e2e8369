// realtime-gui's test page: a client secret from /token, then a WebRTC call to the Realtime API.
// Plain browser JavaScript, no build step: the page is meant to be read as much as run.
"use strict";

const callsUrl = document.querySelector('meta[name="realtime-calls-url"]').content;
const statusBox = document.getElementById("status");
const secretLine = document.getElementById("secret");
const eventList = document.getElementById("events");
const voice = document.getElementById("voice");
const connectButton = document.getElementById("connect");
const disconnectButton = document.getElementById("disconnect");

let call = null; // { peer, channel, microphone }

function say(text, state) {
  statusBox.textContent = text;
  statusBox.dataset.state = state;
}

// The secret as people may see it: its start and its last four characters.
function masked(secret) {
  return secret.length > 12 ? `${secret.slice(0, 3)}…${secret.slice(-4)}` : "…";
}

// The GA answer holds the secret at `value`; the beta one at `client_secret.value`.
function secretOf(answer) {
  if (typeof answer.value === "string") return { value: answer.value, expiresAt: answer.expires_at };
  const holder = answer.client_secret;
  if (holder && typeof holder.value === "string") return { value: holder.value, expiresAt: holder.expires_at };
  return null;
}

async function takeSecret() {
  const response = await fetch("/token", { method: "POST" });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const said = (answer.error && answer.error.message) || `status ${response.status}`;
    throw new Error(`/token answered ${response.status}: ${said}`);
  }
  const secret = secretOf(answer);
  if (!secret) throw new Error("/token answered without a client secret.");
  return secret;
}

function showEvent(event) {
  const item = document.createElement("li");
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = `${new Date().toLocaleTimeString()}  ${event.type || "(no type)"}`;
  const body = document.createElement("pre");
  body.textContent = JSON.stringify(event, null, 2);
  details.append(summary, body);
  item.append(details);
  item.dataset.type = event.type || "";
  eventList.append(item);
}

async function connect() {
  connectButton.disabled = true;
  eventList.replaceChildren();
  try {
    say("Taking a client secret from /token…", "working");
    const secret = await takeSecret();
    const expires = secret.expiresAt ? `, expires ${new Date(secret.expiresAt * 1000).toLocaleTimeString()}` : "";
    secretLine.textContent = `Client secret ${masked(secret.value)}${expires}`;
    secretLine.hidden = false;

    const peer = new RTCPeerConnection();
    peer.ontrack = (event) => { voice.srcObject = event.streams[0]; };
    peer.onconnectionstatechange = () => {
      if (peer.connectionState === "connected") say("Connected: speak, and listen.", "connected");
      if (peer.connectionState === "failed") say("The connection failed.", "error");
    };
    say("Opening the microphone…", "working");
    const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of microphone.getTracks()) peer.addTrack(track, microphone);
    const channel = peer.createDataChannel("oai-events");
    channel.onmessage = (message) => {
      try { showEvent(JSON.parse(message.data)); } catch { showEvent({ type: "(not JSON)", data: message.data }); }
    };
    call = { peer, channel, microphone };
    disconnectButton.disabled = false;

    const offer = await peer.createOffer();
    await peer.setLocalDescription(offer);
    say(`Sending the offer to ${callsUrl}…`, "working");
    const response = await fetch(callsUrl, {
      method: "POST",
      body: offer.sdp,
      headers: { Authorization: `Bearer ${secret.value}`, "Content-Type": "application/sdp" },
    });
    const text = await response.text();
    if (!response.ok) {
      let said = text.slice(0, 300);
      try { said = JSON.parse(text).error.message || said; } catch { /* not JSON: quote it as it came */ }
      throw new Error(`The Realtime API answered ${response.status}: ${said}`);
    }
    try {
      await peer.setRemoteDescription({ type: "answer", sdp: text });
    } catch (error) {
      throw new Error(`The SDP answer from ${callsUrl} could not be used: ${error.message || error}`);
    }
    say("Answer received; connecting…", "working");
  } catch (error) {
    say(String(error.message || error), "error");
    hangUp(false);
  }
}

function hangUp(tell = true) {
  if (call) {
    call.channel.close();
    call.peer.close();
    for (const track of call.microphone.getTracks()) track.stop();
    call = null;
  }
  voice.srcObject = null;
  connectButton.disabled = false;
  disconnectButton.disabled = true;
  if (tell) say("Disconnected.", "idle");
}

connectButton.addEventListener("click", connect);
disconnectButton.addEventListener("click", () => hangUp());
