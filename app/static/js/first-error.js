/* After a refused submission, bring the first error into view and put the cursor there.
   Progressive: without JavaScript the errors are still shown beside their fields. */
(function () {
  "use strict";
  var field = document.querySelector('[aria-invalid="true"], .is-invalid');
  var target = field;
  if (!target) {
    var message = document.querySelector(".invalid-feedback, .alert-danger");
    if (!message) return;
    var form = message.closest("form");
    target = (form && form.querySelector("input:not([type=hidden]), select, textarea, button")) || message;
  }
  if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) {
    target.setAttribute("tabindex", "-1");
  }
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
})();
