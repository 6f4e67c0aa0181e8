"""What measuring a recorded take costs after Stop, in headless Chromium.

A 2-minute take (bursts of noise for speech, silences between) is built in the
page as a WAV, then, alternately, decoded alone (the same take without analysis:
the browser must decode a recording to play or measure it) and decoded and
measured by ``measure()`` from ``closer_widgets/views/static/recorder.js``. The
added time is the analysis; the target is under 50 ms.

Usage::

    python benchmarks/bench_recorder.py [--runs 7] [--seconds 120]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "closer_widgets" / "views" / "static" / "recorder.js"
CHROMIUM = "/usr/bin/chromium"

PAGE = """
async ({ seconds, runs }) => {
  const rate = 48000;
  const count = seconds * rate;
  const pcm = new Int16Array(count);
  let seed = 7;
  for (let i = 0; i < count; i += 1) {
    // Four seconds of speech, then 1.5 s of silence, over and over.
    const t = (i / rate) % 5.5;
    seed = (seed * 1103515245 + 12345) % 2147483648;
    pcm[i] = t < 4 ? (seed / 2147483648 - 0.5) * 30000 : 0;
  }
  const header = new DataView(new ArrayBuffer(44));
  const text = (offset, value) =>
    [...value].forEach((c, i) => header.setUint8(offset + i, c.charCodeAt(0)));
  text(0, "RIFF"); header.setUint32(4, 36 + count * 2, true); text(8, "WAVE");
  text(12, "fmt "); header.setUint32(16, 16, true); header.setUint16(20, 1, true);
  header.setUint16(22, 1, true); header.setUint32(24, rate, true);
  header.setUint32(28, rate * 2, true); header.setUint16(32, 2, true);
  header.setUint16(34, 16, true); text(36, "data"); header.setUint32(40, count * 2, true);
  const wav = new Uint8Array(44 + count * 2);
  wav.set(new Uint8Array(header.buffer), 0);
  wav.set(new Uint8Array(pcm.buffer), 44);
  const decode = async () => {
    const context = new OfflineAudioContext(1, 1, rate);
    return context.decodeAudioData(wav.slice().buffer);
  };
  const plain = [], measured = [], analysis = [];
  let result = null;
  for (let run = 0; run < runs; run += 1) {
    let start = performance.now();
    await decode();
    plain.push(performance.now() - start);
    start = performance.now();
    const audio = await decode();
    const began = performance.now();
    result = measure(audio.getChannelData(0), audio.sampleRate);
    analysis.push(performance.now() - began);
    measured.push(performance.now() - start);
  }
  return { plain, measured, analysis, result };
}
"""


def module_source() -> str:
    """recorder.js as a classic script: its ``measure`` becomes a page global."""
    text = SCRIPT.read_text(encoding="utf-8")
    text = re.sub(r"^export default .*$", "", text, flags=re.M)
    return text.replace("export function measure", "function measure")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seconds", type=int, default=120)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content("<!doctype html><title>bench</title>")
        page.add_script_tag(content=module_source())
        out = page.evaluate(PAGE, {"seconds": args.seconds, "runs": args.runs})
        browser.close()
    plain = statistics.median(out["plain"])
    measured = statistics.median(out["measured"])
    analysis = statistics.median(out["analysis"])
    print(f"take_seconds                 {args.seconds}")
    print(f"decode_only_ms               {plain:.1f}")
    print(f"decode_and_measure_ms        {measured:.1f}")
    print(f"added_by_measuring_ms        {analysis:.1f}")
    print(f"ratio                        {measured / plain:.2f}")
    print(f"pauses_found                 {out['result']['pauses']}")
    return 0 if analysis < 50 else 1


if __name__ == "__main__":
    sys.exit(main())
