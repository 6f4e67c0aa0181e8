// Keeps the visitor's session in this browser's own storage, so a reload or a closed
// tab loses nothing. Nothing here reaches the server: the kernel sends the session to
// keep, and reads back, once, what was kept.
function read(key) {
  try {
    return window.localStorage.getItem(key) || "";
  } catch (error) {
    return ""; // storage switched off (private mode, policy): nothing to offer
  }
}

function render({ model, el }) {
  el.setAttribute("hidden", "");
  const key = model.get("key");
  const kept = read(key);
  model.set("found", kept);
  model.save_changes();
  model.on("change:saved", () => {
    const text = model.get("saved");
    try {
      if (text) window.localStorage.setItem(key, text);
    } catch (error) {
      model.set("problem", "This browser would not keep your work (its storage is full or off).");
      model.save_changes();
    }
  });
  model.on("change:forget", () => {
    try {
      window.localStorage.removeItem(key);
      // On a shared computer "forget" means everything this tool kept here, such as
      // the key a live workshop's hand-in is filed under.
      const also = model.get("forget_also");
      if (also) {
        const keys = [];
        for (let i = 0; i < window.localStorage.length; i++) {
          keys.push(window.localStorage.key(i));
        }
        keys
          .filter((k) => k && k.startsWith(also))
          .forEach((k) => window.localStorage.removeItem(k));
      }
    } catch (error) {
      // nothing kept, nothing to erase
    }
  });
}

export default { render };
