'use strict';
// A form that filters a list by GET would put what is typed into the URL: the server's access
// log, the browser's history. An ID number or a mobile number typed into one (by habit, into
// a name box) is stopped here, with a message, before it is sent.
(function () {
  var ID_NUMBER = /^\d{17}[\dXx]$/;
  var MOBILE = /^(\+?86)?1\d{10}$/;

  function looksLikeIdentifier(value) {
    var compact = value.replace(/[\s-]/g, '');
    return ID_NUMBER.test(compact) || MOBILE.test(compact);
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if ((form.getAttribute('method') || 'get').toLowerCase() !== 'get') {
      return;
    }
    var inputs = form.querySelectorAll('input[type=text], input[type=search], input:not([type])');
    for (var i = 0; i < inputs.length; i++) {
      if (looksLikeIdentifier(inputs[i].value)) {
        event.preventDefault();
        inputs[i].setCustomValidity(form.dataset.identifierMessage || document.body.dataset.identifierMessage);
        inputs[i].reportValidity();
        inputs[i].addEventListener('input', function () { this.setCustomValidity(''); }, {once: true});
        return;
      }
    }
  }, true);
})();
