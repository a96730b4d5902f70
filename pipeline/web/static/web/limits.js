// Stops an upload the server would refuse for its size or its number of files, before it is sent,
// and says why in Vietnamese beside the form (the server refuses it too: pipeline/web/limits.py,
// pipeline/web/signed.py).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var inputs = form.querySelectorAll("input[type=file]");
  if (!inputs.length) return;
  var perFile = Number(document.body.dataset.maxUpload || 0);
  var perRequest = Number(document.body.dataset.maxRequest || 0);
  var maxFiles = Number(document.body.dataset.maxFiles || 0);
  var mb = function (n) {  // "40 MB", "0,3 MB": one decimal (with a comma) below 10 MB
    var m = n / 1048576;
    return (m < 10 ? m.toFixed(1).replace(".", ",") : String(Math.round(m))) + " MB";
  };
  var total = 0, count = 0, problem = "";
  inputs.forEach(function (input) {
    Array.prototype.forEach.call(input.files || [], function (file) {
      total += file.size;
      count += 1;
      if (perFile && file.size > perFile && !problem) {
        problem = "Tệp “" + file.name + "” có " + mb(file.size) + ", quá giới hạn " + mb(perFile) +
          " mỗi tệp: hãy chọn tệp nhỏ hơn.";
      }
    });
  });
  if (!problem && maxFiles && count > maxFiles) {
    problem = "Đã chọn " + count + " tệp; mỗi lần tải lên tối đa " + maxFiles +
      " tệp: hãy tải lên làm nhiều lần.";
  }
  if (!problem && perRequest && total > perRequest) {
    problem = "Các tệp đã chọn có tổng cộng " + mb(total) + ", quá giới hạn " + mb(perRequest) +
      " mỗi lần gửi: hãy gửi ít tệp hơn mỗi lần.";
  }
  var note = form.querySelector(".msg.error.limit");
  if (!problem) {
    if (note) note.remove();  // a note from an earlier choice no longer applies
    return;
  }
  event.preventDefault();
  if (!note) {
    note = document.createElement("div");
    note.className = "msg error limit";
    note.setAttribute("role", "alert");
    form.prepend(note);
  }
  note.textContent = problem;
});
