package bad

// ThingB repeats the token of ThingA.
const ThingB Thing = "a"
