// Scans a ticket's QR code with the phone's camera where the browser has the
// BarcodeDetector API (Chrome on Android, Safari 17+); elsewhere the typed code works
// alone. No library, no CDN: the code read is put in the form and submitted.
(function () {
  "use strict";
  var form = document.getElementById("check-in-form");
  var box = document.getElementById("scanner");
  var unsupported = document.getElementById("scan-unsupported");
  if (!form || !box) return;
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
    if (unsupported) unsupported.hidden = false;
    return;
  }
  box.hidden = false;
  var video = document.getElementById("scan-video");
  var input = form.querySelector("input[name=code]");
  document.getElementById("scan-start").addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        return video.play().then(function () {
          var tick = function () {
            detector
              .detect(video)
              .then(function (codes) {
                if (codes.length) {
                  stream.getTracks().forEach(function (t) { t.stop(); });
                  input.value = codes[0].rawValue;
                  form.submit();
                } else {
                  window.requestAnimationFrame(tick);
                }
              })
              .catch(function () { window.requestAnimationFrame(tick); });
          };
          tick();
        });
      })
      .catch(function () {
        if (unsupported) unsupported.hidden = false;
      });
  });
})();
