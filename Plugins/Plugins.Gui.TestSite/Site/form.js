(function () {
  var form = document.getElementById('details');
  var message = document.getElementById('message');
  var formatting = document.getElementById('formatting');
  var dialog = document.getElementById('confirm-dialog');
  var error = document.getElementById('form-error');

  function toggle(id, cls) {
    var button = document.getElementById(id);
    var on = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    message.classList.toggle(cls, on);
    var list = formatting.value ? formatting.value.split(',') : [];
    list = list.filter(function (f) { return f !== cls; });
    if (on) { list.push(cls); }
    formatting.value = list.join(',');
  }

  document.getElementById('tool-bold').addEventListener('click', function () { toggle('tool-bold', 'bold'); });
  document.getElementById('tool-italic').addEventListener('click', function () { toggle('tool-italic', 'italic'); });
  document.getElementById('tool-attach').addEventListener('click', function () {
    document.getElementById('attachment').value = 'yes';
    document.getElementById('attach-status').textContent = 'Attached: notes.txt';
  });
  document.getElementById('tool-help').addEventListener('click', function () {
    document.getElementById('help-panel').classList.toggle('open');
  });

  function add(list, name, value) {
    var dt = document.createElement('dt');
    dt.textContent = name;
    var dd = document.createElement('dd');
    dd.textContent = value;
    list.appendChild(dt);
    list.appendChild(dd);
  }

  document.getElementById('review').addEventListener('click', function () {
    if (!form.reportValidity()) { return; }
    if (!document.getElementById('terms').checked) {
      error.textContent = 'Please accept the terms and conditions.';
      error.hidden = false;
      return;
    }
    error.hidden = true;
    var summary = document.getElementById('summary');
    summary.textContent = '';
    var plan = document.getElementById('plan');
    var interests = Array.prototype.slice.call(form.querySelectorAll('input[name=interests]:checked')).map(function (c) { return c.value; });
    add(summary, 'Full name', document.getElementById('fullname').value);
    add(summary, 'Email', document.getElementById('email').value);
    add(summary, 'Plan', plan.options[plan.selectedIndex].text);
    add(summary, 'Interests', interests.join(', ') || 'none');
    add(summary, 'Start date', document.getElementById('startdate').value || 'not set');
    dialog.showModal();
  });
  document.getElementById('cancel').addEventListener('click', function () { dialog.close(); });
})();
