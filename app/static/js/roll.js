// The roll import form: show the progress bar and stop a second submit while the file uploads.
(function () {
  var form = document.getElementById("roll-form");
  if (!form) return;
  form.addEventListener("submit", function () {
    document.getElementById("roll-progress").hidden = false;
    document.getElementById("roll-submit").disabled = true;
  });
})();
