// The case page. Its sections fold (<details>); a link to a section or to something inside a
// closed one (#moter, #mote-12, a link in the summary, the table of contents) opens it. After a
// save the page opens at what was saved: the confirmation is moved there, so that the person
// sees it where they are looking and not only at the top of a long page.
(function () {
  function reveal(id) {
    var target = id ? document.getElementById(id) : null;
    if (!target) { return null; }
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    var own = target.querySelector(":scope > details.fold");
    if (own) { own.open = true; }
    return target;
  }

  function fromHash() {
    try { return decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return ""; }
  }

  function go() {
    var target = reveal(fromHash());
    if (target) { target.scrollIntoView({ block: "start" }); }
  }

  var saved = reveal(fromHash());
  var box = document.querySelector("main > .messages");
  if (saved && box) {
    saved.insertBefore(box, saved.firstChild);
    box.classList.add("messages--here");
    box.setAttribute("tabindex", "-1");
  }
  // After the browser's own jump to the anchor (which also clears the focus), so that the
  // confirmation is where the page stops and a screen reader starts.
  function arrive() {
    if (!saved) { return; }
    saved.scrollIntoView({ block: "start" });
    if (box && box.parentNode === saved) { box.focus({ preventScroll: true }); }
  }
  if (document.readyState === "complete") { arrive(); } else { window.addEventListener("load", arrive); }

  window.addEventListener("hashchange", go);
  // A link to the anchor already in the address bar fires no hashchange: open it all the same.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link && link.getAttribute("href") === window.location.hash) { go(); }
  });
})();
