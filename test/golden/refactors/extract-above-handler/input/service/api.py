from fastapi import Body, FastAPI

app = FastAPI()


# Sign-ups from the legacy form.
@app.post("/signups")
def sign_up(data=Body(...)):
    if data["plan"] == "pro":
        seats = int(data.get("seats", 5))
    else:
        seats = 1
    name = data['first-name'] + " " + data["last_name"]
    return {"name": name, "seats": seats, "plan": data["plan"], "ref": data.get("referrer")}
