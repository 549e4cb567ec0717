// Style sheets and images imported by the mini-program's sources: nothing to render in jsdom.
module.exports = {};
