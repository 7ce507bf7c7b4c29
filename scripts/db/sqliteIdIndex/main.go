// Command sqlite-id-index gives every collection table of a FerretDB v1 SQLite data directory an
// index that FerretDB's own _id lookups can use.
//
// FerretDB v1.24 (SQLite backend) looks documents up with `WHERE _ferretdb_sjson->'$._id' = ?`
// but indexes _id as `_ferretdb_sjson->"_id"`. SQLite matches expression indexes by their text,
// so the unique _id index is never used for a lookup: every findOne, update and delete by _id
// scans the whole table while holding the database's single write lock. This program adds the
// missing index, `CREATE INDEX "<table>__id_lookup" ON "<table>" (_ferretdb_sjson->'$._id')`,
// to each table listed in FerretDB's metadata, and keeps doing so for tables created later. It
// leaves a database file alone until the file has existed for two seconds and is in WAL mode.
// SQLite maintains the index by itself; FerretDB neither sees nor needs to know it (its index
// list lives in its own metadata), and dropping a collection drops the table with its indexes.
//
// Usage: sqlite-id-index -dir <FerretDB's SQLite directory> [-interval 500ms] [-once | -explain]
// Without -once or -explain it runs until its standard input closes (its parent's lifeline) or it
// is killed. -explain prints, per collection, SQLite's plan for FerretDB's _id lookup (JSON lines).
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

const (
	metadataTable = "_ferretdb_collections"
	documentCol   = "_ferretdb_sjson"
	indexSuffix   = "__id_lookup"
)

// open opens one database file for a moment. Nothing is held between passes: FerretDB removes a
// dropped database's file, and a connection kept open would keep its WAL alive past the drop.
func open(file string, readOnly bool) (*sql.DB, error) {
	mode := ""
	if readOnly {
		mode = "&mode=ro"
	}
	// Wait for the write lock rather than fail, as FerretDB does.
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)"+mode)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// missing lists the collection tables of one database file that lack the lookup index.
func missing(db *sql.DB) ([]string, error) {
	rows, err := db.Query(`SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index')`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	present := map[string]bool{}
	for rows.Next() {
		var kind, name string
		if err := rows.Scan(&kind, &name); err != nil {
			return nil, err
		}
		present[kind+" "+name] = true
	}
	if err := rows.Err(); err != nil || !present["table "+metadataTable] {
		return nil, err // FerretDB has not made its metadata table yet
	}
	names, err := db.Query(`SELECT table_name FROM ` + quoteIdent(metadataTable))
	if err != nil {
		return nil, err
	}
	defer names.Close()
	var lacking []string
	for names.Next() {
		var table string
		if err := names.Scan(&table); err != nil {
			return nil, err
		}
		// A table listed a moment before it exists, or just dropped, is left for the next pass.
		if present["table "+table] && !present["index "+table+indexSuffix] {
			lacking = append(lacking, table)
		}
	}
	return lacking, names.Err()
}

// indexFile gives each table of one file the lookup index; it returns how many it created.
func indexFile(file string) (int, error) {
	reader, err := open(file, true)
	if err != nil {
		return 0, err
	}
	lacking, err := missing(reader)
	reader.Close()
	if err != nil || len(lacking) == 0 {
		return 0, err
	}
	writer, err := open(file, false)
	if err != nil {
		return 0, err
	}
	defer writer.Close()
	created := 0
	for _, table := range lacking {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (%s->'$._id')`,
			quoteIdent(table+indexSuffix), quoteIdent(table), documentCol)
		if _, err := writer.Exec(q); err != nil {
			if strings.Contains(err.Error(), "no such table") {
				continue // dropped meanwhile
			}
			return created, fmt.Errorf("%s: %w", table, err)
		}
		created++
	}
	return created, nil
}

// settledDelay is how long a database file must have been seen before it is opened: FerretDB
// makes a new file in a few milliseconds (create, switch to WAL, metadata table), and a second
// connection during those milliseconds made its creation fail with a disk I/O error.
const settledDelay = 2 * time.Second

// inWALMode tells, from the file's header alone (no SQLite connection), whether FerretDB has
// finished making it: bytes 18 and 19 of a database in WAL mode are both 2.
func inWALMode(file string) bool {
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	header := make([]byte, 20)
	if _, err := io.ReadFull(f, header); err != nil {
		return false
	}
	return string(header[:15]) == "SQLite format 3" && header[18] == 2 && header[19] == 2
}

// sighting is when a database file was first found, and which file it was.
type sighting struct {
	at   time.Time
	info os.FileInfo
}

// firstSeen remembers each database file's first sighting.
var firstSeen = map[string]sighting{}

// settled lists the files of the directory that are old and finished enough to open.
func settled(dir string, now time.Time) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.sqlite"))
	if err != nil {
		return nil, err
	}
	present := map[string]bool{}
	var ready []string
	for _, file := range files {
		info, err := os.Stat(file)
		if err != nil {
			continue // dropped meanwhile
		}
		present[file] = true
		seen, ok := firstSeen[file]
		if !ok || !os.SameFile(seen.info, info) {
			// New, or dropped and made again under the same name since the last pass.
			firstSeen[file] = sighting{at: now, info: info}
			continue
		}
		if now.Sub(seen.at) >= settledDelay && inWALMode(file) {
			ready = append(ready, file)
		}
	}
	for file := range firstSeen {
		if !present[file] {
			delete(firstSeen, file) // dropped: a file made again under its name waits again
		}
	}
	return ready, nil
}

// pass indexes every settled database file of the directory; it returns how many indexes it
// created. With once, files are taken as they are (nothing else is expected to be making them).
func pass(dir string, once bool) (int, error) {
	var files []string
	var err error
	if once {
		files, err = filepath.Glob(filepath.Join(dir, "*.sqlite"))
	} else {
		files, err = settled(dir, time.Now())
	}
	if err != nil {
		return 0, err
	}
	created := 0
	for _, file := range files {
		n, err := indexFile(file)
		created += n
		if err != nil && !os.IsNotExist(err) {
			return created, fmt.Errorf("%s: %w", filepath.Base(file), err)
		}
	}
	return created, nil
}

// explain prints SQLite's plan for FerretDB's _id lookup on every collection table.
func explain(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.sqlite"))
	if err != nil {
		return err
	}
	out := json.NewEncoder(os.Stdout)
	for _, file := range files {
		db, err := open(file, true)
		if err != nil {
			return err
		}
		rows, err := db.Query(`SELECT name, table_name FROM ` + quoteIdent(metadataTable))
		if err != nil {
			db.Close()
			return err
		}
		type collection struct{ name, table string }
		var collections []collection
		for rows.Next() {
			var c collection
			if err := rows.Scan(&c.name, &c.table); err != nil {
				rows.Close()
				db.Close()
				return err
			}
			collections = append(collections, c)
		}
		rows.Close()
		for _, c := range collections {
			q := fmt.Sprintf(`EXPLAIN QUERY PLAN SELECT %s FROM %s WHERE %s->'$._id' = ?`, documentCol, quoteIdent(c.table), documentCol)
			var id, parent, unused int
			var detail string
			if err := db.QueryRow(q, `"x"`).Scan(&id, &parent, &unused, &detail); err != nil {
				db.Close()
				return err
			}
			database := strings.TrimSuffix(filepath.Base(file), ".sqlite")
			_ = out.Encode(map[string]string{"database": database, "collection": c.name, "plan": detail})
		}
		db.Close()
	}
	return nil
}

func main() {
	dir := flag.String("dir", "", "FerretDB's SQLite directory (the path of --sqlite-url)")
	interval := flag.Duration("interval", 500*time.Millisecond, "how often to look for new tables")
	once := flag.Bool("once", false, "index what exists, print how many indexes were made, and exit")
	explainOnly := flag.Bool("explain", false, "print the plan of FerretDB's _id lookup per collection and exit")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.LUTC)
	log.SetPrefix("sqlite-id-index: ")
	if *dir == "" {
		log.Fatal("-dir is required")
	}
	if *explainOnly {
		if err := explain(*dir); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *once {
		n, err := pass(*dir, true)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(n)
		return
	}
	go func() {
		// The parent holds our stdin open; when it goes, so do we.
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	for {
		if _, err := pass(*dir, false); err != nil {
			log.Print(err) // e.g. the lock stayed busy for 10 s, or a file was dropped mid-pass: next pass
		}
		time.Sleep(*interval)
	}
}
