/* Click-to-load videos (the `video` shortcode): nothing is requested from the video's host
   until the reader presses the button. Without JavaScript the link to the video remains. */
document.querySelectorAll("figure.video[data-embed]").forEach(function (box) {
  var button = box.querySelector(".video-load");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var frame = document.createElement("iframe");
    frame.src = box.getAttribute("data-embed");
    frame.title = box.getAttribute("data-title");
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    box.replaceChildren(frame);
    frame.focus();
  });
});
