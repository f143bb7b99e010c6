// Case intake: "Add an applicant" copies the formset's empty row (kept in a <template>)
// and raises the management form's total, so a group case needs no page reload.
(function () {
  "use strict";
  var slot = document.getElementById("add-applicant-slot");
  var template = document.getElementById("applicant-template");
  var rows = document.getElementById("applicant-rows");
  var total = document.getElementById("id_applicants-TOTAL_FORMS");
  var maximum = document.getElementById("id_applicants-MAX_NUM_FORMS");
  if (!slot || !template || !rows || !total) {
    return;
  }
  // Made here, not in the page: without JavaScript there is nothing for it to do.
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button secondary";
  button.id = "add-applicant";
  button.textContent = slot.dataset.label;
  slot.appendChild(button);
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    if (maximum && index >= parseInt(maximum.value, 10)) {
      button.disabled = true;
      return;
    }
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var input = document.getElementById("id_applicants-" + index + "-id_number");
    if (input) {
      input.focus();
    }
  });
})();
