/* "Is this page useful?" (docs/feedback.md): posted in the background, thanks in the status
   region; should that fail, the form is posted the plain way. */
document.querySelectorAll("form[data-feedback]").forEach(function (form) {
  var box = form.closest(".feedback");
  var status = box && box.querySelector(".feedback-status");
  var thanks = box && box.querySelector(".feedback-thanks");
  if (!status || !thanks || !window.fetch || !window.URLSearchParams) return;
  var sending = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending) return;
    sending = true;
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: "application/json" },
      mode: "cors",
      credentials: "omit"
    })
      .then(function (response) {
        if (!response.ok) throw new Error("feedback: " + response.status);
        form.hidden = true;
        status.textContent = thanks.textContent;
        status.focus();
      })
      .catch(function () {
        form.submit();
      });
  });
});
