from flask import Flask
from flask_cors import CORS, cross_origin

app = Flask(__name__)

# ruleid: permissive-cors
CORS(app, origins="*", supports_credentials=True)

# ruleid: permissive-cors
CORS(app, supports_credentials=True)

# ruleid: permissive-cors
CORS(app, origins=[r".*"], supports_credentials=True)


@app.get("/me")
# ruleid: permissive-cors
@cross_origin(supports_credentials=True)
def me():
    return {"ok": True}


# ok: permissive-cors
CORS(app)
# ok: permissive-cors
CORS(app, origins="*")
# ok: permissive-cors
CORS(app, origins=["https://shop.example.com"], supports_credentials=True)
# ok: permissive-cors
CORS(app, resources={r"/api/*": {"origins": ["https://shop.example.com"]}}, supports_credentials=True)
# ok: permissive-cors
CORS(app, origins=r"https://.*\.example\.com", supports_credentials=True)

# ruleid: permissive-cors
CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)
# ruleid: permissive-cors
CORS(app, resources={r"/api/*": {"methods": ["GET", "POST"]}}, supports_credentials=True)
# ok: permissive-cors
CORS(app, resources={r"/public/*": {"origins": "*"}})
