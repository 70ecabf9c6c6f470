// The petition form's libraries: "Add" appends a request or a ground to its text area (a line each).
document.querySelectorAll(".js-add").forEach(function (button) {
  var area = document.getElementById(button.dataset.target);
  if (!area) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var text = area.value.replace(/\s+$/, "");
    area.value = (text ? text + "\n" : "") + button.dataset.text;
    area.focus();
  });
});
