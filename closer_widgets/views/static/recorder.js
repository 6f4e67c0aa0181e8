// Record a take of the close, play it back, and measure its delivery, all in this
// browser. The audio never leaves the page: the kernel is sent only the numbers
// (length, time speaking, pauses, silences), and the takes live in the page until it
// is closed, each with a link to save it on the person's own computer.
const KEEP_TAKES = 3; // the last few, to compare
const FRAME_SECONDS = 0.02; // loudness is measured over 20 ms frames
const PAUSE_SECONDS = 1.0; // a silence this long inside the take is a pause

function clock(seconds) {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function percentile(sorted, share) {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

// The delivery of a recording: where the speech is, and the silences between.
export function measure(samples, rate) {
  const size = Math.max(1, Math.round(FRAME_SECONDS * rate));
  const levels = [];
  for (let start = 0; start < samples.length; start += size) {
    const end = Math.min(samples.length, start + size);
    let sum = 0;
    for (let i = start; i < end; i += 1) sum += samples[i] * samples[i];
    levels.push(Math.sqrt(sum / (end - start)));
  }
  const seconds = samples.length / rate;
  const sorted = [...levels].sort((a, b) => a - b);
  const floor = percentile(sorted, 0.1);
  const peak = percentile(sorted, 0.95);
  const empty = { seconds, speaking_seconds: 0, pauses: 0, longest_pause: 0 };
  if (!levels.length || peak < 0.003) {
    return { ...empty, lead_silence: seconds, trail_silence: 0 };
  }
  // Speech stands well above the room's own noise, whatever the microphone's gain.
  const threshold = floor + (peak - floor) * 0.2;
  const loud = levels.map((level) => level > threshold);
  const first = loud.indexOf(true);
  const last = loud.lastIndexOf(true);
  const frame = size / rate;
  let pauses = 0;
  let longest = 0;
  let paused = 0;
  let run = 0;
  for (let i = first; i <= last + 1; i += 1) {
    if (i <= last && !loud[i]) {
      run += 1;
      continue;
    }
    const length = run * frame;
    if (length >= PAUSE_SECONDS) {
      pauses += 1;
      paused += length;
      longest = Math.max(longest, length);
    }
    run = 0;
  }
  const span = (last - first + 1) * frame;
  return {
    seconds,
    speaking_seconds: Math.max(0, span - paused),
    pauses,
    longest_pause: longest,
    lead_silence: first * frame,
    trail_silence: Math.max(0, seconds - (last + 1) * frame),
  };
}

async function decode(blob) {
  const data = await blob.arrayBuffer();
  const context = new OfflineAudioContext(1, 1, 48000);
  const audio = await context.decodeAudioData(data);
  return measure(audio.getChannelData(0), audio.sampleRate);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function render({ model, el }) {
  el.classList.add("closer-recorder");
  const controls = element("div", "closer-recorder-controls");
  const record = element("button", "closer-record", "Record a take");
  const stop = element("button", "closer-record-stop", "Stop");
  for (const button of [record, stop]) {
    button.type = "button";
    button.classList.add("jupyter-button");
  }
  record.classList.add("closer-primary");
  stop.disabled = true;
  const elapsed = element("span", "closer-record-elapsed", "0:00");
  elapsed.setAttribute("role", "timer");
  elapsed.setAttribute("aria-live", "off");
  controls.append(record, stop, elapsed);
  // The state is announced as it changes, and shown, not told by colour alone.
  const status = element("p", "closer-record-status", "Not recording.");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const problem = element("p", "closer-record-problem closer-error");
  problem.setAttribute("role", "alert");
  problem.hidden = true;
  const takes = element("ol", "closer-takes");
  takes.setAttribute("aria-label", "Your recorded takes, latest first");
  el.append(controls, status, problem, takes);

  let recorder = null;
  let ticking = null;
  let count = 0;
  const urls = [];

  const fail = (message) => {
    problem.textContent = message;
    problem.hidden = false;
    model.set("problem", message);
    model.save_changes();
  };

  if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.MediaRecorder)) {
    record.disabled = true;
    fail("This browser cannot record here. Use the timer above to time your close instead.");
  }

  record.addEventListener("click", async () => {
    problem.hidden = true;
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      const blocked = error && (error.name === "NotAllowedError" || error.name === "SecurityError");
      fail(
        blocked
          ? "The microphone is blocked for this page. Allow it in the browser's site settings " +
              "(the icon beside the address), then press Record again, or use the timer above."
          : "No microphone was found. Plug one in and press Record again, or use the timer above.",
      );
      return;
    }
    model.set("problem", "");
    model.save_changes();
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener("dataavailable", (event) => chunks.push(event.data));
    recorder.addEventListener("stop", async () => {
      stream.getTracks().forEach((track) => track.stop());
      clearInterval(ticking);
      const blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
      status.textContent = "Measuring your take…";
      let numbers;
      const began = performance.now();
      try {
        numbers = await decode(blob);
      } catch (error) {
        fail("This take could not be measured. Record it again, or use the timer above.");
        record.disabled = false;
        return;
      }
      const measuring = performance.now() - began;
      count += 1;
      addTake(blob, numbers);
      model.send({ kind: "take", number: count, measuring_ms: measuring, ...numbers });
      status.textContent =
        `Take ${count} recorded: ${clock(numbers.seconds)} long, ${numbers.pauses} ` +
        `pause${numbers.pauses === 1 ? "" : "s"} of a second or more.`;
      record.disabled = false;
      record.focus();
    });
    const started = performance.now();
    recorder.start();
    ticking = setInterval(() => {
      elapsed.textContent = clock((performance.now() - started) / 1000);
    }, 250);
    record.disabled = true;
    stop.disabled = false;
    stop.focus();
    status.textContent = "Recording. Say your close, then press Stop.";
  });

  stop.addEventListener("click", () => {
    if (recorder && recorder.state === "recording") recorder.stop();
    stop.disabled = true;
  });

  function addTake(blob, numbers) {
    const url = URL.createObjectURL(blob);
    urls.push(url);
    const item = element("li", "closer-take");
    const title = element("p", "closer-take-title", `Take ${count}: ${clock(numbers.seconds)}`);
    const audio = document.createElement("audio");
    audio.controls = true;
    audio.src = url;
    audio.setAttribute("aria-label", `Play take ${count}`);
    const save = element("a", "closer-take-download", "Download this take");
    save.href = url;
    save.download = `closing-take-${count}.webm`;
    item.append(title, audio, save);
    takes.prepend(item);
    while (takes.children.length > KEEP_TAKES) {
      takes.lastElementChild.remove();
      URL.revokeObjectURL(urls.shift());
    }
  }

  return () => {
    clearInterval(ticking);
    urls.forEach((url) => URL.revokeObjectURL(url));
  };
}

export default { render };
