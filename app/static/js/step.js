(function () {
  // Follow-up questions show only when the answer they depend on calls for them.
  var form = document.getElementById("step-form");
  if (!form) return;
  function update() {
    form.querySelectorAll("[data-show-if]").forEach(function (box) {
      var name = box.getAttribute("data-show-if");
      var values = box.getAttribute("data-show-values").split(",");
      var checked = form.querySelector('[name="' + name + '"]:checked');
      var plain = form.querySelector('select[name="' + name + '"]');
      var value = checked ? checked.value : (plain ? plain.value : null);
      if (value === null && !form.querySelector('[name="' + name + '"]')) return;
      box.hidden = values.indexOf(value) === -1;
    });
  }
  form.addEventListener("change", update);
  update();
})();
