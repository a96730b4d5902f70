// The browser's own bubbles for a form field left empty or mistyped ("Please fill out this
// field.") are in the browser's language; these put them in Vietnamese, for every form of the
// site and of the admin. Listens on the document, so fields htmx swaps in later work too.
(function () {
  var missing = function (el) {
    if (el.type === "file") return "Hãy chọn tệp để tải lên.";
    if (el.tagName === "SELECT") return "Hãy chọn một mục trong danh sách.";
    if (el.type === "checkbox") return "Hãy đánh dấu ô này để tiếp tục.";
    if (el.type === "radio") return "Hãy chọn một trong các lựa chọn.";
    return "Hãy điền ô này.";
  };

  var mistyped = function (el) {
    if (el.type === "email") return "Hãy nhập địa chỉ email, ví dụ vanthu@coquan.gov.vn.";
    if (el.type === "url") return "Hãy nhập địa chỉ trang web, ví dụ https://coquan.gov.vn.";
    if (el.type === "number") return "Hãy nhập một số.";
    return "Giá trị không hợp lệ.";
  };

  var message = function (el) {
    var v = el.validity;
    if (v.valueMissing) return missing(el);
    if (v.badInput || v.typeMismatch) return mistyped(el);
    if (v.rangeUnderflow) return "Giá trị nhỏ nhất là " + el.min + ".";
    if (v.rangeOverflow) return "Giá trị lớn nhất là " + el.max + ".";
    if (v.stepMismatch) return "Hãy nhập số nguyên.";
    if (v.tooShort) return "Cần ít nhất " + el.minLength + " ký tự (hiện có " + el.value.length + ").";
    if (v.tooLong) return "Tối đa " + el.maxLength + " ký tự (hiện có " + el.value.length + ").";
    if (v.patternMismatch) return el.title || "Giá trị chưa đúng dạng yêu cầu.";
    return "";
  };

  // "invalid" does not bubble: listen while it goes down to the field. The bubble shows the
  // message set here; a message of ours from an earlier try is dropped first so the field's own
  // state decides.
  document.addEventListener("invalid", function (event) {
    var el = event.target;
    if (!el.setCustomValidity) return;
    el.setCustomValidity("");
    if (!el.validity.valid) el.setCustomValidity(message(el));
  }, true);

  // Once the person types or chooses again, the field is judged afresh on the next send.
  var clear = function (event) {
    if (event.target.setCustomValidity) event.target.setCustomValidity("");
  };
  document.addEventListener("input", clear, true);
  document.addEventListener("change", clear, true);
})();
