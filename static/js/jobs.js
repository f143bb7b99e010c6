'use strict';
// Progress bars of background jobs ("我的任务", a job's page) that follow the jobs by
// themselves: every two seconds, while a job shown is waiting or running, ask the server for
// the state of those jobs (JSON, /jobs/status/) and update the bars. When a job ends, or its
// check ends and it awaits confirmation, the page is reloaded to show its errors, its file
// and its buttons. Without JavaScript the page still shows the state when it was loaded.
(function () {
  var INTERVAL = 2000;
  var statusUrl = document.body.dataset.jobStatusUrl || '/jobs/status/';

  function activeBoxes() {
    return document.querySelectorAll('.job-progress[data-active]');
  }

  function update(box, job) {
    var bar = box.querySelector('progress');
    if (job.total) {
      bar.max = job.total;
      bar.value = job.done;
      bar.textContent = job.percent + '%';
      box.querySelector('.job-count').textContent = job.done + ' / ' + job.total;
    } else if (job.done) {
      box.querySelector('.job-count').textContent = job.done;
    }
    box.querySelector('.job-message').textContent = job.message;
    var badge = box.querySelector('.job-state');
    badge.textContent = job.state_label;
    if (!job.active) {
      return true;
    }
    return false;
  }

  function poll() {
    var boxes = activeBoxes();
    if (!boxes.length) {
      return;
    }
    var query = Array.prototype.map.call(boxes, function (box) {
      return 'id=' + encodeURIComponent(box.dataset.job);
    }).join('&');
    fetch(statusUrl + '?' + query, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (response) { return response.ok ? response.json() : {jobs: []}; })
      .then(function (data) {
        var ended = false;
        data.jobs.forEach(function (job) {
          var box = document.querySelector('.job-progress[data-job="' + job.id + '"]');
          if (box && update(box, job)) {
            ended = true;
          }
        });
        if (ended) {
          window.location.reload();
        } else {
          window.setTimeout(poll, INTERVAL);
        }
      })
      .catch(function () { window.setTimeout(poll, INTERVAL * 3); });
  }

  if (activeBoxes().length) {
    window.setTimeout(poll, INTERVAL);
  }
})();
