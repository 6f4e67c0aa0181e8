// Choosing files to hand to the kernel: a real <input type="file"> inside a label that
// looks like a button. Unlike ipywidgets' FileUpload it shows no "(0)" counter, and it
// checks each file's size here, in the browser, so a file too large to use is never
// sent (a huge one would otherwise drop the page's connection to its kernel).
let batches = 0;

function render({ model, el }) {
  const label = document.createElement("label");
  label.className = "closer-file-button";
  const text = document.createElement("span");
  const input = document.createElement("input");
  input.type = "file";
  input.className = "closer-file-input";
  label.append(text, input);
  el.classList.add("closer-file");
  el.append(label);

  const show = () => {
    text.textContent = model.get("description");
    input.accept = model.get("accept");
    input.multiple = model.get("multiple");
    label.title = model.get("tooltip");
    input.disabled = model.get("disabled");
  };
  show();
  for (const name of ["description", "accept", "multiple", "tooltip", "disabled"]) {
    model.on(`change:${name}`, show);
  }

  input.addEventListener("change", async () => {
    const files = Array.from(input.files || []);
    input.value = ""; // so the same file can be chosen again
    if (!files.length) return;
    batches += 1;
    const batch = batches;
    const limit = model.get("max_bytes");
    for (const [index, file] of files.entries()) {
      const head = { batch, index, count: files.length, name: file.name, size: file.size };
      if (file.size > limit) {
        model.send({ ...head, kind: "too_large" });
        continue;
      }
      try {
        const content = await file.arrayBuffer();
        model.send({ ...head, kind: "file" }, undefined, [content]);
      } catch (error) {
        model.send({ ...head, kind: "unreadable" });
      }
    }
  });
}

export default { render };
