// What the kernel asks of the page itself, which ipywidgets cannot do: bring a step's
// heading into view and give it the focus, and warn before the page is left while
// there is work not yet downloaded. It also reports the address's fragment, once.
const WAIT_MS = 5000;

function whenPresent(selector, found) {
  // The step's widgets are drawn a moment after the kernel shows them.
  const now = document.querySelector(selector);
  if (now) return found(now);
  const observer = new MutationObserver(() => {
    const element = document.querySelector(selector);
    if (element) {
      observer.disconnect();
      found(element);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), WAIT_MS);
}

function focusHeading(selector) {
  whenPresent(selector, (heading) => {
    heading.setAttribute("tabindex", "-1");
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  });
}

function reportFragment(model) {
  // The counsellor's link of a live workshop carries its token in the fragment, which
  // no request sends: the kernel hears of it from here, and checks it.
  const hash = window.location.hash;
  if (!hash) return;
  model.set("location_hash", hash.slice(0, 1000));
  model.save_changes();
  if (/^#(.*&)?counsellor(=|&|$)/.test(hash)) {
    // Out of the address bar, so the token never shows on a projector.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
}

function reportTimeZone(model) {
  // Hand-in times are shown on the visitor's own clock, not the server's.
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return; // a browser that will not say: the server's clock is shown
  }
  if (!zone) return;
  model.set("time_zone", zone.slice(0, 64));
  model.save_changes();
}

function render({ model, el }) {
  el.setAttribute("hidden", "");
  reportTimeZone(model);
  reportFragment(model);
  model.on("change:focus_request", () => focusHeading(model.get("focus_selector")));
  const warn = (event) => {
    if (!model.get("unsaved")) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need it set to show their warning
  };
  window.addEventListener("beforeunload", warn);
  // A download of the session counts as saved: the kernel is told, and stops warning.
  const downloaded = (event) => {
    const link = event.target.closest && event.target.closest("a[download]");
    if (link && link.getAttribute("download").endsWith(".session.json")) {
      model.set("unsaved", false);
      model.save_changes();
    }
  };
  document.addEventListener("click", downloaded, true);
  return () => {
    window.removeEventListener("beforeunload", warn);
    document.removeEventListener("click", downloaded, true);
  };
}

export default { render };
