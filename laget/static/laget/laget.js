// Laget's only script of its own, loaded from a file so that the Content-Security-Policy can
// forbid inline scripts (script-src 'self').

// Move focus to the error summary so that screen reader users hear what to fix first.
(function () {
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
