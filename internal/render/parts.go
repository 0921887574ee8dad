package render

// Parts: a lecture's `part = "Using gem5"` groups it with the lectures
// next to it that name the same part, under that heading, on the index
// page, in the course handout, and above the sidebar's lecture title.

// LecturePart is a run of consecutive lectures of one part; Title is ""
// for lectures in no part.
type LecturePart struct {
	Title    string
	Start    int // the number of its first lecture in the course, from 1
	Lectures []*LectureView
}

// LectureParts groups the index page's lectures by part, in course order.
// A course without parts is one group without a title.
func (p *Page) LectureParts() []LecturePart {
	var out []LecturePart
	for i, l := range p.Lectures {
		if len(out) == 0 || out[len(out)-1].Title != l.Part {
			out = append(out, LecturePart{Title: l.Part, Start: i + 1})
		}
		out[len(out)-1].Lectures = append(out[len(out)-1].Lectures, l)
	}
	return out
}

// HasParts tells whether any lecture of the index page is in a part.
func (p *Page) HasParts() bool {
	for _, l := range p.Lectures {
		if l.Part != "" {
			return true
		}
	}
	return false
}

// HandoutPart is a run of consecutive lectures of one part in a handout.
type HandoutPart struct {
	Title    string
	Lectures []*HandoutLecture
}

// Parts groups the handout's lectures by part, as LectureParts does.
func (h *HandoutView) Parts() []HandoutPart {
	var out []HandoutPart
	for _, l := range h.Lectures {
		if len(out) == 0 || out[len(out)-1].Title != l.Part {
			out = append(out, HandoutPart{Title: l.Part})
		}
		out[len(out)-1].Lectures = append(out[len(out)-1].Lectures, l)
	}
	return out
}

// markPartStarts sets PartStart on each lecture of a handout that begins
// a run of its part, where the handout prints the part's heading.
func markPartStarts(ls []*HandoutLecture) {
	for i, l := range ls {
		l.PartStart = l.Part != "" && (i == 0 || ls[i-1].Part != l.Part)
	}
}
