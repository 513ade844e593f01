// narrator listening page: our controls, transcript and chapter seeking, and the highlight of
// what is being read. Without this script the page still works: the audio element has its
// own controls, chapters are links to #t= media fragments, the transcript is text.
(function () {
  "use strict";
  var audio = document.getElementById("audio");
  var player = document.getElementById("player");
  if (!audio || !player) return;
  var controls = document.getElementById("controls");
  var play = document.getElementById("play");
  var speed = document.getElementById("speed");
  var position = document.getElementById("position");
  var elapsed = document.getElementById("elapsed");
  var status = document.getElementById("status");
  var KEY = "narrator.speed";

  function clock(t) {
    t = Math.max(0, Math.floor(t || 0));
    var h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }
  function spoken(t) {
    t = Math.max(0, Math.floor(t || 0));
    var m = Math.floor(t / 60), s = t % 60;
    return (m ? m + (m === 1 ? " minute " : " minutes ") : "") + s + (s === 1 ? " second" : " seconds");
  }

  // Chapter links and transcript sentences become buttons that seek.
  function upgrade(node, className) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.dataset.start = node.dataset.start;
    while (node.firstChild) button.appendChild(node.firstChild);
    node.replaceWith(button);
    return button;
  }
  var chapters = Array.prototype.map.call(document.querySelectorAll("a.chapter"), function (a) {
    return upgrade(a, "chapter");
  });
  var cues = Array.prototype.map.call(document.querySelectorAll("span.cue"), function (s) {
    return upgrade(s, "cue");
  });
  var cueStarts = cues.map(function (b) { return parseFloat(b.dataset.start); });
  var chapterStarts = chapters.map(function (b) { return parseFloat(b.dataset.start); });
  var hint = document.getElementById("hint");
  if (hint && cues.length) hint.hidden = false;

  audio.controls = false;
  controls.hidden = false;
  document.getElementById("keys").hidden = false;

  var announceTimer = null;
  function announce() {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () {
      var at = current(chapterStarts, audio.currentTime);
      var where = at >= 0 ? ", " + chapters[at].firstChild.textContent.trim() : "";
      status.textContent = "At " + spoken(audio.currentTime) + where + ".";
    }, 250);
  }
  function seek(t) {
    var end = isFinite(audio.duration) ? audio.duration : parseFloat(position.max);
    audio.currentTime = Math.min(Math.max(0, t), end);
    highlight();
    announce();
  }

  // The last start at or before t (binary search), -1 before the first.
  function current(starts, t) {
    var lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= t + 0.05) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function mark(list, index) {
    for (var i = 0; i < list.length; i++) {
      if (i === index) list[i].setAttribute("aria-current", "true");
      else list[i].removeAttribute("aria-current");
    }
  }
  function highlight() {
    var t = audio.currentTime;
    mark(cues, Math.max(0, current(cueStarts, t)));
    mark(chapters, Math.max(0, current(chapterStarts, t)));
    elapsed.textContent = clock(t);
    position.value = Math.floor(t);
    position.setAttribute("aria-valuetext", spoken(t) + " of " + spoken(parseFloat(position.max)));
  }

  function toggle() {
    if (!audio.paused) return audio.pause();
    var started = audio.play();
    if (started) started.catch(function () { status.textContent = "The audio could not be played."; });
  }
  play.addEventListener("click", toggle);
  audio.addEventListener("play", function () { play.setAttribute("aria-pressed", "true"); highlight(); });
  audio.addEventListener("pause", function () { play.setAttribute("aria-pressed", "false"); });
  audio.addEventListener("timeupdate", highlight);
  audio.addEventListener("loadedmetadata", function () {
    if (isFinite(audio.duration)) position.max = Math.ceil(audio.duration);
    audio.playbackRate = parseFloat(speed.value);
  });
  Array.prototype.forEach.call(player.querySelectorAll("[data-skip]"), function (b) {
    b.addEventListener("click", function () { seek(audio.currentTime + parseFloat(b.dataset.skip)); });
  });
  position.addEventListener("change", function () { seek(parseFloat(position.value)); });
  chapters.concat(cues).forEach(function (b) {
    b.addEventListener("click", function () { seek(parseFloat(b.dataset.start)); });
  });

  try {
    var saved = localStorage.getItem(KEY);
    if (saved && speed.querySelector('option[value="' + saved + '"]')) speed.value = saved;
  } catch (e) { /* storage may be off: the speed is then not remembered */ }
  audio.defaultPlaybackRate = audio.playbackRate = parseFloat(speed.value);
  speed.addEventListener("change", function () {
    audio.defaultPlaybackRate = audio.playbackRate = parseFloat(speed.value);
    try { localStorage.setItem(KEY, speed.value); } catch (e) { /* not remembered */ }
  });

  // Shortcuts act only while focus is inside the player, never in the speed select or the
  // position slider (which use the arrows themselves), and never with a modifier key.
  player.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || target === speed) return;
    var onButton = target.tagName === "BUTTON" || target.tagName === "A";
    var key = event.key;
    if (key === "k" || key === "K" || (key === " " && !onButton)) toggle();
    else if (key === "j" || key === "J") seek(audio.currentTime - 15);
    else if (key === "l" || key === "L") seek(audio.currentTime + 30);
    else if (target !== position && key === "ArrowLeft") seek(audio.currentTime - 5);
    else if (target !== position && key === "ArrowRight") seek(audio.currentTime + 5);
    else return;
    event.preventDefault();
  });
  highlight();
})();
