/* "Is this page useful?" (macros.html `feedback`, docs/feedback.md): sends the form in the
   background and thanks the reader in the page's language, in the status region. The post
   is the plain form's, with `Accept: application/json`, which a request from another
   origin may carry without a preflight; no cookie goes with it. Should it fail (no
   connection, the receiver down or refusing the page's origin), the form is sent the
   ordinary way, as without JavaScript. */
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
