// The review workbench's keyboard: V verifies the file shown, R puts the cursor in the rejection
// note (Enter sends it), N opens the next file. htmx swaps only the panel, the file's line, the
// counts and the score; focus goes to the new panel's heading, or to the note when it needs text.
(() => {
  const root = document.querySelector("[data-workbench]");
  if (!root) return;
  const item = () => document.getElementById("workbench-item");
  const typing = (el) => el && el.closest && el.closest("input, textarea, select, [contenteditable]");

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const panel = item();
    if (!panel || panel.dataset.ready !== "yes") return;  // a decision on its way: wait for its answer
    const key = event.key.toLowerCase();
    if (key === "v") {
      const verify = panel.querySelector("[data-key-verify]");
      if (verify) { event.preventDefault(); verify.click(); }
    } else if (key === "r") {
      const note = panel.querySelector("#wb-note");
      if (note) { event.preventDefault(); note.focus(); }
    } else if (key === "n" || key === "j") {
      const next = panel.querySelector("[data-key-next]");
      if (next) { event.preventDefault(); next.click(); }
    }
  });

  // Previews live outside the swapped panel: the current file's frame is shown and the next
  // file's is already loading, hidden, so that after a decision it is ready (files are never
  // cached, so only a frame kept in the page can hold it).
  const previews = document.getElementById("wb-previews");
  const frameFor = (url, title) => {
    let frame = previews.querySelector(`iframe[data-src="${CSS.escape(url)}"]`);
    if (!frame) {
      frame = document.createElement("iframe");
      frame.className = "w-100 border evidence-preview";
      frame.dataset.src = url;
      frame.title = title || "";
      frame.hidden = true;
      frame.src = url;
      previews.appendChild(frame);
    }
    return frame;
  };
  const showPreviews = () => {
    const body = item() && item().querySelector("[data-current]");
    if (!previews) return;
    const keep = new Set();
    if (body && body.dataset.preview) {
      const current = frameFor(body.dataset.preview, body.dataset.previewTitle);
      current.hidden = false;
      keep.add(current);
    }
    if (body && body.dataset.previewNext) {
      const next = frameFor(body.dataset.previewNext, body.dataset.previewNextTitle);
      next.hidden = true;
      next.setAttribute("aria-hidden", "true");
      next.tabIndex = -1;
      keep.add(next);
    }
    for (const frame of previews.querySelectorAll("iframe")) {
      if (!keep.has(frame)) frame.remove();
      else if (!frame.hidden) { frame.removeAttribute("aria-hidden"); frame.removeAttribute("tabindex"); }
    }
  };
  showPreviews();

  // The browser's PDF viewer takes the focus when it shows a file, and would swallow the next
  // key: unless the pointer is over the preview (the reviewer clicked into it), give it back to
  // what had it (the note being typed, say), or to the panel when that is gone.
  let pointerInPreview = false;
  let lastFocus = null;
  if (previews) {
    previews.addEventListener("pointerenter", () => { pointerInPreview = true; });
    previews.addEventListener("pointerleave", () => { pointerInPreview = false; });
  }
  document.addEventListener("focusin", (event) => {
    if (!previews || !previews.contains(event.target)) lastFocus = event.target;
  });
  window.addEventListener("blur", () => {
    setTimeout(() => {
      const active = document.activeElement;
      if (pointerInPreview || !previews || !active || !previews.contains(active)) return;
      const back = lastFocus && document.contains(lastFocus) ? lastFocus : item();
      if (back) back.focus();
    }, 0);
  });

  // The panel says when htmx has taken over its forms (a key pressed before then would send a
  // plain form and load the page): `data-ready` on #workbench-item.
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const panel = item();
    if (panel && panel.contains(event.target)) delete panel.dataset.ready;
  });
  document.body.addEventListener("htmx:afterProcessNode", (event) => {
    const panel = item();
    if (panel && panel.contains(event.target) && event.target.matches("form")) panel.dataset.ready = "yes";
  });

  // After a swap that took the focused control away, the new panel (or its note) takes focus.
  document.body.addEventListener("htmx:afterSettle", () => {
    showPreviews();
    const panel = item();
    const active = document.activeElement;
    if (!panel || (active && active !== document.body && document.contains(active))) return;
    const invalid = panel.querySelector("[aria-invalid='true']");
    (invalid || panel).focus();
  });
})();
